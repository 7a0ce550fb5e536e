#include "client/sessionctl/table_printer.h"

#include <sstream>

#include "gtest/gtest.h"

namespace usersessions::sessionctl {
namespace {

TEST(TablePrinterTest, AlignsColumnsWithoutTrailingBlanks) {
  TablePrinter table({"ID", "USER", "STATE"});
  table.AddRow({"a1", "alice", "active"});
  table.AddRow({"b22222", "bo", ""});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "ID      USER   STATE\n"
            "a1      alice  active\n"
            "b22222  bo\n");
}

TEST(TablePrinterTest, CountsCodePointsNotBytes) {
  TablePrinter table({"CITY", "X"});
  table.AddRow({"São Paulo", "1"});
  table.AddRow({"Oslo", "2"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "CITY       X\n"
            "São Paulo  1\n"
            "Oslo       2\n");
}

TEST(TablePrinterTest, ControlCharactersCannotReachTheTerminal) {
  TablePrinter table({"A"});
  table.AddRow({"evil\x1b[2Jtext\n"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(), "A\nevil?[2Jtext?\n");
}

TEST(TablePrinterTest, PadsShortRowsAndDropsExtraCells) {
  TablePrinter table({"A", "B"});
  table.AddRow({"1"});
  table.AddRow({"1", "2", "3"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(), "A  B\n1\n1  2\n");
  EXPECT_EQ(table.rows(), 2u);
}

}  // namespace
}  // namespace usersessions::sessionctl
