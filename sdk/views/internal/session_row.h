// What a page shows of one session, in the page's language: the presentation model that both
// listings hand to their templates.
#ifndef USERSESSIONS_SDK_VIEWS_INTERNAL_SESSION_ROW_H_
#define USERSESSIONS_SDK_VIEWS_INTERNAL_SESSION_ROW_H_

#include <string>

#include "absl/time/time.h"
#include "sdk/views/internal/catalog.h"
#include "usersessions/v1/session.pb.h"

namespace usersessions::sdk::views::internal {

struct SessionRow {
  std::string session_id;
  std::string user_id;
  // The composed device text, or the catalog's "Unknown device".
  std::string device;
  bool device_known = false;
  // "phone", "tablet", "computer" or "unknown": which icon to show.
  std::string device_kind;
  // sessiond's location display (already in the page's language), or "Unknown location".
  std::string location;
  bool location_known = false;
  std::string ip_address;
  // "5 minutes ago", in the page's language.
  std::string last_activity;
  // The same instant in RFC 3339 (UTC), for <time datetime>.
  std::string last_activity_time;
  bool current = false;
  bool expired = false;
};

// The device in `catalog`'s words: "<browser> on <os>" through the catalog's format when both are
// known, the one that is known otherwise, else sessiond's display (bots and tools such as "curl");
// "" when nothing is known.
std::string DeviceText(const v1::Device& device, const Catalog& catalog);

// "just now", "1 minute ago", "5 minutes ago", ... in `catalog`'s words, with the buckets of
// HumanizeElapsed.
std::string ElapsedText(absl::Duration elapsed, const Catalog& catalog);

// The row for `session` as seen at `now`.
SessionRow MakeSessionRow(const v1::Session& session, const Catalog& catalog, absl::Time now);

}  // namespace usersessions::sdk::views::internal

#endif  // USERSESSIONS_SDK_VIEWS_INTERNAL_SESSION_ROW_H_
