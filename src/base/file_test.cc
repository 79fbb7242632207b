#include "base/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

namespace vueops {
namespace {

std::string TempDir() {
  char pattern[] = "/tmp/vueops_file_test_XXXXXX";
  char* dir = ::mkdtemp(pattern);
  EXPECT_NE(dir, nullptr);
  return dir;
}

TEST(FileTest, AtomicWriteThenBoundedRead) {
  std::string dir = TempDir();
  std::string path = JoinPath(dir, "a.txt");
  ASSERT_TRUE(WriteFileAtomic(path, "hello", 0600).ok());
  EXPECT_EQ(*ReadFile(path), "hello");
  Result<std::string> too_big = ReadFile(path, 3);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(ReadFile(dir + "/missing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ReadFile(dir).status().code(), StatusCode::kInvalidArgument);
}

TEST(FileTest, PrivateModeIsChecked) {
  std::string dir = TempDir();
  std::string key = JoinPath(dir, "key.pem");
  ASSERT_TRUE(WriteFileAtomic(key, "secret", 0644).ok());
  Status open = CheckPrivateFileMode(key);
  EXPECT_EQ(open.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(open.message().find("chmod 600"), std::string::npos);
  EXPECT_NE(open.message().find("0644"), std::string::npos);
  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  EXPECT_TRUE(CheckPrivateFileMode(key).ok());
}

TEST(FileTest, PathHelpers) {
  EXPECT_EQ(DirectoryOf("a/b/c.yaml"), "a/b");
  EXPECT_EQ(DirectoryOf("c.yaml"), ".");
  EXPECT_EQ(JoinPath("a/b", "c"), "a/b/c");
  EXPECT_EQ(JoinPath("a/b/", "c"), "a/b/c");
  EXPECT_EQ(JoinPath("a", "/abs"), "/abs");
  EXPECT_EQ(JoinPath(".", "c"), "c");
  std::string dir = TempDir();
  ASSERT_TRUE(MakeDirectories(dir + "/x/y/z").ok());
  EXPECT_TRUE(FileExists(dir + "/x/y/z"));
}

}  // namespace
}  // namespace vueops
