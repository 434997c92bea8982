# dw_add_library(NAME DIR [DEPS...])
# One library per folder of the design table. Sources are the .cpp files directly in DIR
# (sub-folders are other libraries). A folder whose issue has not landed yet has no sources:
# its target is then an INTERFACE library that already carries the allowed dependencies, so
# the layering is declared in one place from the start.
function(dw_add_library name dir)
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cpp)
  if(sources)
    add_library(${name} STATIC ${sources})
    target_link_libraries(${name} PUBLIC dw_options ${ARGN})
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE dw_options ${ARGN})
  endif()
endfunction()
