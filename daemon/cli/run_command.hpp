// `syndicated run [-c FILE]`: the daemon in the foreground (what systemd starts).
#pragma once

namespace CLI {
class App;
}

namespace synd {

void AddRunCommand(CLI::App& app, int& exit_code);

}  // namespace synd
