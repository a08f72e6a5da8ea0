# rapport_embed(OUTPUT <file.cc> FUNCTION <name> BASE <dir> FILES <f>...)
# Generates a source file with `std::span<const rapport::EmbeddedFile> rapport::embedded::<name>()`
# holding the bytes of FILES (paths kept relative to BASE). Re-generated when a file changes.
function(rapport_embed)
  cmake_parse_arguments(E "" "OUTPUT;FUNCTION;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DFUNCTION=${E_FUNCTION} -DBASE=${E_BASE}
            "-DFILES=${E_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${E_FUNCTION}"
    VERBATIM)
endfunction()
