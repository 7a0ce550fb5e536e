// Picks the views' language from an Accept-Language header (RFC 9110 section 12.5.4).
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_LANGUAGE_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_LANGUAGE_H_

#include "absl/strings/string_view.h"
#include "sdk/views/internal/catalog.h"

namespace usersessions::sdk::views::internal {

// The catalog of the most preferred language in `accept_language` that has one: ranges are
// ordered by q-value (default 1; ties keep header order), q=0 ranges are refused, a range
// matches by its primary subtag ("nl-BE" finds Dutch), and "*" means any (English). English when
// nothing matches or the header is empty or malformed.
const Catalog& NegotiateLanguage(absl::string_view accept_language);

// The catalog for the options' fixed `language` if set, else NegotiateLanguage.
const Catalog& ChooseLanguage(absl::string_view fixed_language, absl::string_view accept_language);

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_LANGUAGE_H_
