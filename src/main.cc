// The sluice executable: all behaviour lives in the components; see
// src/README.md for the path of a request through them.
#include "cli/cli.h"

int main(int argc, char** argv) { return sluice::cli::Main(argc, argv); }
