# Compiler flags shared by every target of the project.
add_library(dw_options INTERFACE)
target_include_directories(dw_options INTERFACE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
target_compile_options(dw_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                       -Wno-sign-conversion)
if(DW_WERROR)
  target_compile_options(dw_options INTERFACE -Werror)
endif()
if(DW_SANITIZE)
  target_compile_options(dw_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(dw_options INTERFACE -fsanitize=address,undefined)
endif()
if(DW_FUZZ)
  # Every library is instrumented for coverage; only the fuzz targets link the fuzzer main.
  target_compile_options(dw_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(dw_options INTERFACE -fsanitize=address,undefined)
endif()
