/*
 * stat() and its kin for the glibc 2.28 build of the SQLite addon (scripts/build-addons.mjs).
 *
 * Before glibc 2.33, stat/fstat/lstat were not exported by libc.so but came from libc_nonshared.a.
 * zig 0.11 supplies them for old glibc targets from glibc's own fstatat64.c, whose raw syscall
 * does not set errno on failure: lstat() of a file that does not exist yet returns -1 with errno
 * left at 0, and SQLite, which treats only ENOENT as "not there yet", refuses to create any file
 * ("unable to open database file"). These definitions are linked before zig's and go through
 * syscall(), which sets errno as glibc does. On x86-64 and aarch64 glibc's struct stat is the
 * kernel's, so newfstatat/fstat fill it directly.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int fstatat64(int fd, const char *path, struct stat64 *buf, int flags) {
  return (int)syscall(SYS_newfstatat, fd, path, buf, flags);
}
int fstatat(int fd, const char *path, struct stat *buf, int flags) {
  return (int)syscall(SYS_newfstatat, fd, path, buf, flags);
}
int stat64(const char *path, struct stat64 *buf) { return fstatat64(AT_FDCWD, path, buf, 0); }
int stat(const char *path, struct stat *buf) { return fstatat(AT_FDCWD, path, buf, 0); }
int lstat64(const char *path, struct stat64 *buf) { return fstatat64(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW); }
int lstat(const char *path, struct stat *buf) { return fstatat(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW); }
int fstat64(int fd, struct stat64 *buf) { return (int)syscall(SYS_fstat, fd, buf); }
int fstat(int fd, struct stat *buf) { return (int)syscall(SYS_fstat, fd, buf); }
