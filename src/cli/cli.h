// The `sluice` command line: `sluice NOUN VERB`, one executable for the
// server (`sluice serve`), offline tools (`sluice platform check`), and the
// client commands that talk to a running server.
//
// Exit codes: 0 ok, 1 failure, 2 usage error, 3 denied or unauthenticated.
#pragma once

namespace sluice::cli {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitDenied = 3 };

int Main(int argc, char** argv);

}  // namespace sluice::cli
