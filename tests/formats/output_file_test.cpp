// Output files: a temporary name until complete, no overwriting without force, nothing left
// behind on failure, and names from input that cannot leave the output folder.
#include "formats/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <thread>

#include "disc/error.hpp"
#include "formats/write_behind.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

TEST(OutputFile, TemporaryNameThenRename) {
  const fs::path dir = fs::temp_directory_path() / ("dw-out-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path p = dir / "sub" / "x.bin";
  {
    OutputFile f(p, false);
    f.write("hello");
    EXPECT_TRUE(fs::exists(dir / "sub" / "x.bin.part"));
    EXPECT_FALSE(fs::exists(p));
    f.commit();
  }
  EXPECT_EQ(fs::file_size(p), 5u);
  EXPECT_FALSE(fs::exists(dir / "sub" / "x.bin.part"));
  try {
    OutputFile again(p, false);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(), "already exists; use --force to overwrite it");
  }
  { OutputFile abandoned(dir / "y.bin", false); }  // never committed: nothing is left
  EXPECT_FALSE(fs::exists(dir / "y.bin"));
  EXPECT_FALSE(fs::exists(dir / "y.bin.part"));
  fs::remove_all(dir);
}

// A write on the second thread that fails (the file size limit: EFBIG) and whose error the
// writer never took with wait(): the file must not be committed as if complete.
TEST(OutputFile, AFailedWriteBehindThatNobodyWaitedForStopsTheCommit) {
  const fs::path dir = fs::temp_directory_path() / ("dw-wb-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path p = dir / "x.bin";
  const std::vector<uint8_t> chunk(4u << 20, 0x5A);
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  {
    OutputFile f(p, false);
    {
      rlimit small = old;
      small.rlim_cur = 1u << 20;
      ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
      WriteBehind behind(f);
      behind.write(chunk);
    }  // destroyed without wait()
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &old), 0);
    try {
      f.commit();
      FAIL() << "committed a file whose last write failed";
    } catch (const InputError& e) {
      EXPECT_NE(e.problem().find("write failed: File too large"), std::string::npos) << e.problem();
    }
  }
  std::signal(SIGXFSZ, previous);
  EXPECT_FALSE(fs::exists(p));
  EXPECT_FALSE(fs::exists(dir / "x.bin.part"));
  fs::remove_all(dir);
}

std::vector<uint8_t> file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// write_pieces: the user data of raw sectors (2048 of every 2352 bytes from byte 16) in order,
// more of them than one system call takes; pieces larger than a call's share; plain writes
// larger than one call; and each after bytes still in the small-write buffer.
TEST(OutputFile, PiecesAndLargeWritesKeepTheirOrder) {
  const fs::path dir = fs::temp_directory_path() / ("dw-pieces-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::vector<uint8_t> raw(300 * 2352), big(3 * 200000), plain(1 << 20);
  for (size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<uint8_t>(i * 7 + i / 2352);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 13 + i / 251);
  for (size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<uint8_t>(i / 3);
  std::vector<uint8_t> want = {'h', 'i'};
  for (size_t s = 0; s < 300; ++s) want.insert(want.end(), raw.begin() + s * 2352 + 16, raw.begin() + s * 2352 + 2064);
  want.push_back('!');
  for (size_t s = 0; s < 3; ++s) want.insert(want.end(), big.begin() + s * 200000, big.begin() + s * 200000 + 100000);
  want.insert(want.end(), plain.begin(), plain.end());
  {
    OutputFile f(dir / "p.bin", false);
    f.write("hi");
    f.write_pieces(raw.data() + 16, 300, 2352, 2048);
    f.write("!");
    f.write_pieces(big.data(), 3, 200000, 100000);
    f.write(plain);
    f.commit();
  }
  EXPECT_EQ(file_bytes(dir / "p.bin"), want);
  fs::remove_all(dir);
}

// write_pieces_at from two other threads in turn, the later part first: every piece lands at its place, the
// write position stays where seek() put it.
TEST(OutputFile, PiecesAtOffsetsFromTwoThreads) {
  const fs::path dir = fs::temp_directory_path() / ("dw-pieces-at-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::vector<uint8_t> raw(200 * 2352);
  for (size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<uint8_t>(i * 5 + i / 2352);
  std::vector<uint8_t> want = {'h', 'e', 'a', 'd'};
  for (size_t s = 0; s < 200; ++s) want.insert(want.end(), raw.begin() + s * 2352 + 24, raw.begin() + s * 2352 + 2072);
  want.insert(want.end(), {'t', 'a', 'i', 'l'});
  {
    OutputFile f(dir / "p.bin", false);
    f.write("head");
    f.seek(4);
    std::thread later([&] { f.write_pieces_at(4 + 100 * 2048, raw.data() + 100 * 2352 + 24, 100, 2352, 2048); });
    later.join();
    std::thread earlier([&] { f.write_pieces_at(4, raw.data() + 24, 100, 2352, 2048); });
    earlier.join();
    EXPECT_EQ(f.tell(), 4u);
    f.seek(4 + 200 * 2048);
    f.write("tail");
    f.commit();
  }
  EXPECT_EQ(file_bytes(dir / "p.bin"), want);
  fs::remove_all(dir);
}

// A file size limit inside the pieces: the write stops short, then fails; the error says so.
TEST(OutputFile, PiecesPastTheFileSizeLimitFail) {
  const fs::path dir = fs::temp_directory_path() / ("dw-pieces-limit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::vector<uint8_t> raw(100 * 2352, 0x33);
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  {
    OutputFile f(dir / "p.bin", false);
    rlimit small = old;
    small.rlim_cur = 100001;  // inside the 49th piece
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    try {
      f.write_pieces(raw.data(), 100, 2352, 2048);
      ADD_FAILURE() << "wrote past the limit";
    } catch (const InputError& e) {
      EXPECT_NE(e.problem().find("write failed: File too large"), std::string::npos) << e.problem();
    }
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &old), 0);
    EXPECT_EQ(fs::file_size(dir / "p.bin.part"), 100001u);
  }
  std::signal(SIGXFSZ, previous);
  EXPECT_FALSE(fs::exists(dir / "p.bin"));
  fs::remove_all(dir);
}

TEST(OutputFile, SafeNames) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
  EXPECT_EQ(safe_file_name("AC/DC: Back in Black?"), "AC_DC_ Back in Black_");
  EXPECT_EQ(safe_file_name("..."), "disc");
  EXPECT_EQ(safe_file_name("a\\b\nc"), "a_b_c");
  EXPECT_EQ(safe_file_name("Ünïcödé"), "Ünïcödé");
}

}  // namespace
}  // namespace dw
