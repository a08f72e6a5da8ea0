// UTF-8 validity, checked at the edge: PostgreSQL refuses text that is not valid UTF-8, so such input
// is refused with a 400 on both stores alike rather than failing in the database.
#pragma once

#include <string_view>

namespace rapport {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace rapport
