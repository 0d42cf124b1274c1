// The command gate: run a command the platform's administrators registered (a linter, a test
// suite, a scanner) over the materialised bundle; exit status 0 passes.
//
// The command runs without a shell: argv[0] must be an absolute path and the arguments are
// passed as they are. Its environment is only PATH=/usr/bin:/bin and SLUICE_BUNDLE_DIR (the
// bundle directory, absolute), nothing of the server's (no tokens leak into it); its working
// directory is the bundle directory; stdin is /dev/null; stdout and stderr go to one pipe, of
// which the last `output_tail_bytes` are kept for the result. It runs in its own process group,
// and when gate.timeout passes the whole group is killed (SIGKILL) and the gate fails "timed out
// after N s". When the command exits, whatever it left running in its group is killed too, so a
// gate cannot leave processes behind (a process that starts its own session escapes this).
//
// The caller makes the bundle directory read-only for the command (it is the caller's copy);
// this function does not sandbox beyond the above.
//
// Needs a normal SIGCHLD disposition (not SIG_IGN), as any waitpid does. Thread-safety:
// reentrant; processes are started with posix_spawn and pipes are close-on-exec, so concurrent
// calls (and other threads starting processes) do not inherit each other's descriptors.
#pragma once

#include <cstddef>
#include <string>

#include "gates/gate_result.h"
#include "platform/model.h"

namespace sluice::gates {

struct CommandOptions {
  size_t output_tail_bytes = 4096;
};

// Gate "command:NAME", subject empty. Never fails: a command that cannot start, exits non-zero,
// dies of a signal or times out is a failed result saying which.
GateResult RunCommand(const platform::CommandGate& gate, const std::string& bundle_dir,
                      const CommandOptions& options = {});

}  // namespace sluice::gates
