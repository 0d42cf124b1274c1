// Test helper: an Instance in a fresh temporary data directory, removed at
// the end of the test, and the admin token it created.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "server/instance.h"

namespace sluice::server {

class TestInstance {
 public:
  TestInstance() {
    char dir[] = "/tmp/sluice-test-XXXXXX";
    EXPECT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    InstanceOptions options;
    options.data_dir = dir_ + "/data";
    auto opened = Instance::Open(options);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    instance_ = std::move(opened).value();
    std::ifstream in(options.data_dir + "/admin.token");
    std::getline(in, admin_token_);
  }
  ~TestInstance() {
    instance_.reset();
    std::filesystem::remove_all(dir_);
  }

  Instance& instance() { return *instance_; }
  const std::string& admin_token() const { return admin_token_; }
  std::string data_dir() const { return dir_ + "/data"; }

 private:
  std::string dir_;
  std::unique_ptr<Instance> instance_;
  std::string admin_token_;
};

}  // namespace sluice::server
