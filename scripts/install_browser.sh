#!/bin/sh
# Installs Debian's headless-capable Chromium (and its driver) for the report's browser test.
# Does nothing when a browser is already there; never fails the build: without root or apt-get
# it says what to install and exits 0, and the browser test then skips with that reason.
set -u

find_browser() {
	for name in chromium chromium-browser google-chrome google-chrome-stable; do
		if command -v "$name" >/dev/null 2>&1; then
			command -v "$name"
			return 0
		fi
	done
	return 1
}

if browser=$(find_browser); then
	echo "browser: $browser"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install_browser: no chromium and no apt-get; install Chromium by hand to run the report's browser test (it skips until then)"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install_browser: no chromium; run 'sudo apt-get install chromium chromium-driver' to run the report's browser test (it skips until then)"
	exit 0
fi

echo "install_browser: installing chromium and chromium-driver with apt-get"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core; }; then
	echo "install_browser: apt-get could not install chromium; the report's browser test will skip"
	exit 0
fi

if browser=$(find_browser); then
	echo "browser: $browser"
else
	echo "install_browser: apt-get ran but no chromium binary is on PATH; the report's browser test will skip"
fi
exit 0
