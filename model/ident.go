package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Names that end up in a URL: a host the user (or their environment) gave,
// and identifiers an API response gave that go into a request path. Both
// are checked against what they can be, not cleaned up: a value that does
// not fit is refused, never rewritten into something that does.

// maxHostLen and maxLabelLen are DNS's limits (RFC 1035).
const (
	maxHostLen  = 253
	maxLabelLen = 63
)

// HostProblem says why h is not a host name with an optional :PORT, or ""
// when it is one. A host name is letters, digits, hyphens and dots, in
// labels of 1..63 characters that neither begin nor end with a hyphen, at
// most 253 in all; a port is a number 1..65535. Anything else (userinfo
// "a@b", a path, a query, spaces, brackets) would make a URL built from it
// point somewhere the user did not mean.
func HostProblem(h string) string {
	if h == "" {
		return "empty host name"
	}
	name, port, hasPort := strings.Cut(h, ":")
	if hasPort {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '+' {
			return fmt.Sprintf("port %q is not a number 1..65535", port)
		}
	}
	if len(name) > maxHostLen {
		return fmt.Sprintf("host name longer than %d characters", maxHostLen)
	}
	for _, label := range strings.Split(name, ".") {
		if p := labelProblem(label); p != "" {
			return p
		}
	}
	return ""
}

func labelProblem(label string) string {
	switch {
	case label == "":
		return "empty label in host name (two dots, or a dot at an end)"
	case len(label) > maxLabelLen:
		return fmt.Sprintf("a label of the host name is longer than %d characters", maxLabelLen)
	}
	for i := 0; i < len(label); i++ {
		if c := label[i]; !isASCIIAlnum(c) && c != '-' {
			return "a host name has only letters, digits, hyphens and dots, and an optional :PORT"
		}
	}
	if label[0] == '-' || label[len(label)-1] == '-' {
		return "a label of the host name must not begin or end with a hyphen"
	}
	return ""
}

// shaLen is a git object name's length in hex (SHA-1, as GitHub uses).
const shaLen = 40

// SHAProblem says why s is not a full commit SHA (40 hex digits), or "".
func SHAProblem(s string) string {
	if len(s) != shaLen || strings.TrimLeft(s, "0123456789abcdefABCDEF") != "" {
		return quoteShort(s) + " is not a commit SHA (40 hex digits)"
	}
	return ""
}

// ParseRepo checks "OWNER/NAME" against GitHub's rules for names (owner:
// letters, digits and single hyphens, at most 39; name: letters, digits,
// '-', '_' and '.', at most 100, not "." or "..").
func ParseRepo(s string) (Repo, error) { return parseRepo(s) }

// quoteShort quotes an untrusted value for a message: escaped (no control
// character reaches the terminal) and cut to a readable length.
func quoteShort(s string) string {
	const max = 48
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
