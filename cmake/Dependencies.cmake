# Every third-party library, found once. Each is owned by one module (docs/ARCHITECTURE.md).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(SQLite3 REQUIRED)
find_package(xapian REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(pugixml REQUIRED)
if(BATES_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()

pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(LIBMAGIC REQUIRED IMPORTED_TARGET libmagic)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)

# Xapian's CMake config names its target xapian; give it the namespaced spelling we use.
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  target_include_directories(Xapian::Xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(Xapian::Xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

# Where the shared test corpora live (../shared/corpora beside the checkout); tests that need
# them are skipped, saying so, where the folder is absent.
get_filename_component(BATES_CORPORA "${PROJECT_SOURCE_DIR}/../shared/corpora" ABSOLUTE)
