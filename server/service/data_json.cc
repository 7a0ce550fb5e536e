#include "server/service/data_json.h"

#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "server/service/request_validation.h"

namespace usersessions::server {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Value;

// Deeper than any data SerializeData accepts (--max-data-depth is at most 32).
constexpr int kMaxDepth = 64;

bool IsValidUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int length;
    uint32_t code_point;
    if ((*p & 0xE0) == 0xC0) {
      length = 2;
      code_point = *p & 0x1F;
    } else if ((*p & 0xF0) == 0xE0) {
      length = 3;
      code_point = *p & 0x0F;
    } else if ((*p & 0xF8) == 0xF0) {
      length = 4;
      code_point = *p & 0x07;
    } else {
      return false;
    }
    if (end - p < length) return false;
    for (int i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    p += length;
  }
  return true;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// A strict recursive-descent JSON reader. Every method returns false on anything it does not
// accept; the caller then falls back to protobuf's parser.
class Reader {
 public:
  explicit Reader(absl::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool ReadTopLevelObject(google::protobuf::Struct* out) {
    SkipSpace();
    if (!At('{') || !ReadObject(out->mutable_fields(), 1)) return false;
    SkipSpace();
    return p_ == end_;
  }

 private:
  bool At(char c) const { return p_ < end_ && *p_ == c; }
  bool Consume(char c) {
    if (!At(c)) return false;
    ++p_;
    return true;
  }
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool ConsumeWord(absl::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        absl::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  bool ReadValue(Value* value, int depth) {
    SkipSpace();
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return depth < kMaxDepth &&
               ReadObject(value->mutable_struct_value()->mutable_fields(), depth + 1);
      case '[':
        return depth < kMaxDepth && ReadArray(value->mutable_list_value(), depth + 1);
      case '"':
        return ReadString(value->mutable_string_value());
      case 't':
        if (!ConsumeWord("true")) return false;
        value->set_bool_value(true);
        return true;
      case 'f':
        if (!ConsumeWord("false")) return false;
        value->set_bool_value(false);
        return true;
      case 'n':
        if (!ConsumeWord("null")) return false;
        value->set_null_value(google::protobuf::NULL_VALUE);
        return true;
      default:
        return ReadNumber(value);
    }
  }

  bool ReadObject(google::protobuf::Map<std::string, Value>* fields, int depth) {
    ++p_;  // '{'
    SkipSpace();
    if (Consume('}')) return true;
    std::string key;
    for (;;) {
      SkipSpace();
      key.clear();
      if (!At('"') || !ReadString(&key)) return false;
      SkipSpace();
      if (!Consume(':')) return false;
      // A repeated key is left to protobuf's parser, which decides what it means.
      if (fields->count(key) > 0) return false;
      if (!ReadValue(&(*fields)[key], depth)) return false;
      SkipSpace();
      if (Consume(',')) continue;
      return Consume('}');
    }
  }

  bool ReadArray(ListValue* list, int depth) {
    ++p_;  // '['
    SkipSpace();
    if (Consume(']')) return true;
    for (;;) {
      if (!ReadValue(list->add_values(), depth)) return false;
      SkipSpace();
      if (Consume(',')) continue;
      return Consume(']');
    }
  }

  bool ReadHex4(uint32_t* out) {
    if (end_ - p_ < 4) return false;
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    *out = value;
    return true;
  }

  bool ReadString(std::string* out) {
    ++p_;  // '"'
    for (;;) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) {
        ++p_;
      }
      out->append(run, static_cast<size_t>(p_ - run));
      if (p_ == end_) return false;
      const char c = *p_++;
      if (c == '"') return true;
      if (c != '\\' || p_ == end_) return false;  // a control character, or a dangling escape
      switch (*p_++) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t code_point;
          if (!ReadHex4(&code_point)) return false;
          if (code_point >= 0xDC00 && code_point <= 0xDFFF) return false;  // a lone low half
          if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            uint32_t low;
            if (!ConsumeWord("\\u") || !ReadHex4(&low) || low < 0xDC00 || low > 0xDFFF) {
              return false;
            }
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(code_point, out);
          break;
        }
        default:
          return false;
      }
    }
  }

  // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool ReadNumber(Value* value) {
    const char* start = p_;
    auto digits = [this] {
      const char* first = p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ > first;
    };
    Consume('-');
    if (Consume('0')) {
      if (p_ < end_ && *p_ >= '0' && *p_ <= '9') return false;
    } else if (!digits()) {
      return false;
    }
    if (Consume('.') && !digits()) return false;
    if (At('e') || At('E')) {
      ++p_;
      if (!Consume('+')) Consume('-');
      if (!digits()) return false;
    }
    double number;
    if (!absl::SimpleAtod(absl::string_view(start, static_cast<size_t>(p_ - start)), &number)) {
      return false;
    }
    value->set_number_value(number);
    return true;
  }

  const char* p_;
  const char* const end_;
};

}  // namespace

absl::StatusOr<google::protobuf::Struct> ParseStoredData(absl::string_view json) {
  google::protobuf::Struct data;
  if (IsValidUtf8(json) && Reader(json).ReadTopLevelObject(&data)) return data;
  return ParseData(json);
}

}  // namespace usersessions::server
