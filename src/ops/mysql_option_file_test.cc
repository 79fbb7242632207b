#include "ops/mysql_option_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"

namespace vueops::ops {
namespace {

class MysqlOptionFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_mysql_option_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(MysqlOptionFileTest, HoldsUserAndPasswordInAPrivateFileRemovedAfterwards) {
  std::string path;
  {
    Result<MysqlOptionFile> file = MysqlOptionFile::Create(dir_, "mpfadmin", "s3cr\"et\\x");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    path = file->path();
    EXPECT_EQ(file->Argument(), "--defaults-extra-file=" + path);
    struct stat info;
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    Result<std::string> text = ReadFile(path);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, "[client]\nuser=\"mpfadmin\"\npassword=\"s3cr\\\"et\\\\x\"\n");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(MysqlOptionFileTest, MovingKeepsOneOwnerOfTheFile) {
  Result<MysqlOptionFile> file = MysqlOptionFile::Create(dir_, "u", "p");
  ASSERT_TRUE(file.ok());
  std::string path = file->path();
  {
    MysqlOptionFile moved(std::move(*file));
    EXPECT_TRUE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(QuoteOptionValueTest, EscapesWhatOptionFilesInterpret) {
  EXPECT_EQ(QuoteOptionValue("plain"), "\"plain\"");
  EXPECT_EQ(QuoteOptionValue("a#b;c"), "\"a#b;c\"");
  EXPECT_EQ(QuoteOptionValue("line\nbreak\t"), "\"line\\nbreak\\t\"");
}

TEST(MysqlOptionFileErrorTest, AMissingDirectoryIsAnError) {
  Result<MysqlOptionFile> file = MysqlOptionFile::Create("/nonexistent/vueops", "u", "p");
  EXPECT_FALSE(file.ok());
}

}  // namespace
}  // namespace vueops::ops
