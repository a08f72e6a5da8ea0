#include <malloc.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // glibc hands a freed block of more than 128 KiB (a page of 1,000 rows as read from the database
  // is 1-2 MB) back to the kernel, and the next page faults it in again: two thirds of an export's
  // time went there. Blocks up to 32 MiB stay in the heap, and up to 128 MiB of free heap is kept.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  return rapport::cli::Main(argc, argv);
}
