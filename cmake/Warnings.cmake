# Warnings for our own targets only (third-party headers come in as SYSTEM includes).
set(BATES_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(BATES_WERROR)
  list(APPEND BATES_WARNING_FLAGS -Werror)
endif()

function(bates_set_warnings target)
  target_compile_options(${target} PRIVATE ${BATES_WARNING_FLAGS})
endfunction()
