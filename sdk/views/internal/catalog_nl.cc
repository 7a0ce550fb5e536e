// Dutch.
#include "sdk/views/internal/catalog.h"

namespace usersessions::sdk::views::internal {

const Catalog& DutchCatalog() {
  static const Catalog* const catalog = [] {
    auto* c = new Catalog{"nl", {}};
    auto set = [c](Msg message, absl::string_view text) {
      c->text[static_cast<size_t>(message)] = text;
    };
    set(Msg::kSessionsTitle, "Actieve sessies");
    set(Msg::kSessionsIntro,
        "Op deze apparaten ben je nu aangemeld. Herken je een sessie niet, beëindig hem dan.");
    set(Msg::kSessionsCaption, "Je actieve sessies, meest recente activiteit eerst");
    set(Msg::kColumnDevice, "Apparaat");
    set(Msg::kColumnLocation, "Locatie");
    set(Msg::kColumnLastActivity, "Laatste activiteit");
    set(Msg::kColumnActions, "Acties");
    set(Msg::kThisSession, "(deze sessie)");
    set(Msg::kEndSession, "Sessie beëindigen");
    set(Msg::kEndOtherSessions, "Alle andere sessies beëindigen");
    set(Msg::kEndOtherSessionsHelp,
        "Meldt je af op alle andere apparaten. Deze sessie blijft aangemeld.");
    set(Msg::kNoOtherSessions, "Geen andere actieve sessies");
    set(Msg::kNoOtherSessionsHelp, "Je bent alleen op dit apparaat aangemeld.");
    set(Msg::kUnknownDevice, "Onbekend apparaat");
    set(Msg::kUnknownLocation, "Onbekende locatie");
    set(Msg::kDeviceFormat, "$0 op $1");
    set(Msg::kJustNow, "zojuist");
    set(Msg::kMinuteAgo, "1 minuut geleden");
    set(Msg::kMinutesAgo, "$0 minuten geleden");
    set(Msg::kHourAgo, "1 uur geleden");
    set(Msg::kHoursAgo, "$0 uur geleden");
    set(Msg::kDayAgo, "1 dag geleden");
    set(Msg::kDaysAgo, "$0 dagen geleden");
    set(Msg::kMonthAgo, "1 maand geleden");
    set(Msg::kMonthsAgo, "$0 maanden geleden");
    set(Msg::kYearAgo, "1 jaar geleden");
    set(Msg::kYearsAgo, "$0 jaar geleden");
    set(Msg::kAdminTitle, "Sessies");
    set(Msg::kAdminIntro, "De sessies van alle gebruikers. Selecteer sessies om ze te beëindigen.");
    set(Msg::kAdminCaption, "Sessies, meest recente activiteit eerst");
    set(Msg::kFilterState, "Status");
    set(Msg::kStateActive, "Actief");
    set(Msg::kStateExpired, "Verlopen");
    set(Msg::kStateAll, "Alle");
    set(Msg::kFilterScope, "Gebruikers");
    set(Msg::kScopeAll, "Alle gebruikers");
    set(Msg::kScopeMine, "Alleen ik");
    set(Msg::kSearchLabel, "Zoeken");
    set(Msg::kSearchHint, "IP-adres, user agent of gebruikers-ID");
    set(Msg::kApplyFilters, "Filteren");
    set(Msg::kColumnUser, "Gebruiker");
    set(Msg::kColumnState, "Status");
    set(Msg::kSelectSession, "Sessie selecteren");
    set(Msg::kEndSelected, "Geselecteerde sessies beëindigen");
    set(Msg::kNextPage, "Volgende pagina");
    set(Msg::kFirstPage, "Eerste pagina");
    set(Msg::kNoSessionsFound, "Geen sessies gevonden met deze filters.");
    set(Msg::kAnonymous, "Anoniem");
    return c;
  }();
  return *catalog;
}

}  // namespace usersessions::sdk::views::internal
