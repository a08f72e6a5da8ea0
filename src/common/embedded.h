// Files compiled into the binary (migrations, the web app): see cmake/Embed.cmake.
#pragma once

#include <span>
#include <string_view>

namespace rapport {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder, '/'-separated
  std::string_view data;
};

}  // namespace rapport
