#!/bin/sh
# Prints the path of a working Python interpreter, for the Makefile's PYTHON.
#   sh scripts/find_python.sh python3.13   (or 3.13, or a path)
# A name on PATH can be a pyenv shim that only errors ("command not found") when that version is
# not selected, so the candidate must run; failing that, pyenv's own installs of the version are
# tried. Exits 1, saying so on stderr, when none runs.
set -u

want=${1:?usage: find_python.sh python3.X|3.X|PATH}
case "$want" in
	[0-9]*) name="python$want" ;;
	*) name=$want ;;
esac

runs() {
	"$1" -c 'import sys' >/dev/null 2>&1
}

if path=$(command -v "$name" 2>/dev/null) && runs "$path"; then
	echo "$path"
	exit 0
fi

base=${name##*/}
version=${base#python}
case "$version" in
	3.[0-9]*)
		for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python"$version" \
			/usr/local/bin/python"$version" /usr/bin/python"$version"; do
			if [ -x "$path" ] && runs "$path"; then
				echo "$path"
				exit 0
			fi
		done
		;;
esac

echo "find_python: no working $name found (PATH, pyenv versions, /usr/bin, /usr/local/bin)" >&2
exit 1
