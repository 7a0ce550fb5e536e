// Plain-text tables with aligned columns, for terminals and for grep.
#ifndef USERSESSIONS_CLIENT_SESSIONCTL_TABLE_PRINTER_H_
#define USERSESSIONS_CLIENT_SESSIONCTL_TABLE_PRINTER_H_

#include <ostream>
#include <string>
#include <vector>

namespace usersessions::sessionctl {

// Collects rows, then prints them with each column as wide as its widest cell (counted in UTF-8
// code points), columns two spaces apart, and no trailing blanks. Control characters in cells
// are shown as '?', so that data from the server cannot drive the terminal. Not thread-safe.
class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers);

  // Missing cells print empty; extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;

  size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// The number of UTF-8 code points in `text` (its width in a terminal, for the common scripts).
size_t DisplayWidth(const std::string& text);

// `text` with every ASCII control character replaced by '?'.
std::string SanitizeForTerminal(std::string text);

}  // namespace usersessions::sessionctl

#endif  // USERSESSIONS_CLIENT_SESSIONCTL_TABLE_PRINTER_H_
