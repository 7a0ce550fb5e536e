#include "sdk/views/internal/url_encoding.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace usersessions::sdk::views::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

FormFields ParseUrlEncoded(absl::string_view text) {
  FormFields fields;
  for (absl::string_view piece : absl::StrSplit(text, '&', absl::SkipEmpty())) {
    const size_t equals = piece.find('=');
    if (equals == absl::string_view::npos) {
      fields.emplace_back(Decode(piece), "");
    } else {
      fields.emplace_back(Decode(piece.substr(0, equals)), Decode(piece.substr(equals + 1)));
    }
  }
  return fields;
}

std::string FirstValue(const FormFields& fields, absl::string_view name) {
  for (const auto& [field, value] : fields) {
    if (field == name) return value;
  }
  return "";
}

std::vector<std::string> AllValues(const FormFields& fields, absl::string_view name) {
  std::vector<std::string> values;
  for (const auto& [field, value] : fields) {
    if (field == name) values.push_back(value);
  }
  return values;
}

std::string UrlEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

std::string BuildQuery(const FormFields& fields) {
  std::string query;
  for (const auto& [name, value] : fields) {
    if (value.empty()) continue;
    if (!query.empty()) query.push_back('&');
    query.append(UrlEncode(name)).push_back('=');
    query.append(UrlEncode(value));
  }
  return query;
}

}  // namespace usersessions::sdk::views::internal
