// application/x-www-form-urlencoded and URL percent-encoding, for forms, query strings and the
// login redirect's ?next=.
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_URL_ENCODING_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_URL_ENCODING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace usersessions::sdk::views::internal {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Parses "a=1&b=x+y&c=%2F" into its fields, in order, decoding '+' and %XX. Lenient as
// browsers are: an invalid escape stays literal, a field without '=' has an empty value, empty
// pieces are skipped.
FormFields ParseUrlEncoded(absl::string_view text);

// The first value of `name`, or "" if there is none.
std::string FirstValue(const FormFields& fields, absl::string_view name);

// Every value of `name`, in order.
std::vector<std::string> AllValues(const FormFields& fields, absl::string_view name);

// Percent-encodes everything except RFC 3986 unreserved characters, so the result is safe in a
// query component and in HTML attributes.
std::string UrlEncode(absl::string_view text);

// "a=1&b=2" from `fields` (each name and value URL-encoded); fields with an empty value are left
// out.
std::string BuildQuery(const FormFields& fields);

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_URL_ENCODING_H_
