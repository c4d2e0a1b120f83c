#!/bin/sh
# Installs Debian's tesseract OCR engine with its English and French language data, for PDF
# pages that have no text layer. Does nothing when they are already there; never fails the
# build: without root or apt-get it says what to install and exits 0. Until tesseract is
# installed, a page that needs OCR is reported for its file and the OCR test skips.
set -u

PACKAGES="tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra"

# The language codes a package list needs, missing from `tesseract --list-langs`.
missing_languages() {
	langs=$(tesseract --list-langs 2>/dev/null)
	for code in eng fra; do
		printf '%s\n' "$langs" | grep -qx "$code" || printf '%s ' "$code"
	done
}

if command -v tesseract >/dev/null 2>&1 && [ -z "$(missing_languages)" ]; then
	echo "ocr: $(command -v tesseract) ($(tesseract --version 2>/dev/null | head -n 1)), languages eng fra"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install_ocr: no tesseract (or its eng/fra data) and no apt-get; install tesseract 4 or 5 with English and French data by hand to OCR scanned pages (the OCR test skips until then)"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install_ocr: tesseract or its eng/fra data is missing; run 'sudo apt-get install $PACKAGES' to OCR scanned pages (the OCR test skips until then)"
	exit 0
fi

echo "install_ocr: installing $PACKAGES with apt-get"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES; }; then
	echo "install_ocr: apt-get could not install $PACKAGES; scanned pages cannot be read and the OCR test will skip"
	exit 0
fi

if command -v tesseract >/dev/null 2>&1 && [ -z "$(missing_languages)" ]; then
	echo "ocr: $(command -v tesseract) ($(tesseract --version 2>/dev/null | head -n 1)), languages eng fra"
else
	echo "install_ocr: apt-get ran but tesseract or its eng/fra data is still missing; the OCR test will skip"
fi
exit 0
