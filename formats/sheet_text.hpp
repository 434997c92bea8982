// Text from sheets (CUE, cdrdao TOC) on its way into CD-Text. Single-byte CD-Text is ISO 8859-1
// (reference/cd-physical.md "CD-Text", character code 0x00), while sheets are often written in
// UTF-8 today: "Café" must reach the disc as 43 61 66 E9, not as the UTF-8 bytes c3 a9.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dw {

/// A remark a sheet parser makes about its input at a line (info shows it, the reader logs it).
struct SheetNote {
  int line = 0;
  std::string text;
  bool warning = false;  ///< something was changed or lost, not only re-encoded
};

/// `value`, given for the sheet item `item` (e.g. "TITLE") at `line`, as ISO 8859-1 CD-Text:
/// - valid UTF-8 holding non-ASCII characters is converted (a note says so); a character that
///   ISO 8859-1 lacks becomes '?' and a warning names it (U+2603 and the character itself);
/// - ASCII, and bytes that are not valid UTF-8 (taken as ISO 8859-1 already), come back as
///   they are.
/// CD-Text's double-byte MS-JIS option is not used: text outside Latin-1 is replaced.
std::string cdtext_latin1(std::string_view value, std::string_view item, int line, std::vector<SheetNote>& notes);

/// Appends each of `sheet_notes` to `notes` as "SOURCE:LINE: TEXT" and logs it: warnings as
/// warnings, the others at info level.
void report_sheet_notes(const std::vector<SheetNote>& sheet_notes, const std::string& source,
                        std::vector<std::string>& notes);

}  // namespace dw
