package model

import (
	"strings"
	"testing"
)

func TestHostProblem(t *testing.T) {
	long := strings.Repeat("a", 63)
	for _, h := range []string{
		"github.com", "ghe.example.com", "GHE.Example.COM", "localhost", "127.0.0.1:8080",
		"ghe.example.com:443", "a-b.c", "x:65535", "x:1", long + ".com",
		strings.TrimSuffix(strings.Repeat(long+".", 4), ".")[:253],
	} {
		if p := HostProblem(h); p != "" {
			t.Errorf("HostProblem(%q) = %q, want none", h, p)
		}
	}
	for h, want := range map[string]string{
		"":                            "empty",
		"github.com:443@evil.example": "port",
		"user@evil.example":           "only letters",
		"evil.example/x":              "only letters",
		"evil.example?x":              "only letters",
		"evil.example#x":              "only letters",
		"evil .example":               "only letters",
		"[::1]:80":                    "port",
		"::1":                         "port",
		"ghe.example.com:0":           "port",
		"ghe.example.com:65536":       "port",
		"ghe.example.com:+80":         "port",
		"ghe.example.com:":            "port",
		"ghe..example.com":            "empty label",
		"ghe.example.com.":            "empty label",
		".example.com":                "empty label",
		"-ghe.example.com":            "hyphen",
		"ghe-.example.com":            "hyphen",
		long + "a.com":                "longer than 63",
		strings.Repeat("a.", 127):     "longer than 253",
		"ghé.example.com":             "only letters",
		"ghe_x.example.com":           "only letters",
	} {
		if p := HostProblem(h); !strings.Contains(p, want) {
			t.Errorf("HostProblem(%q) = %q, want it to say %q", h, p, want)
		}
	}
}

func TestSHAProblem(t *testing.T) {
	if p := SHAProblem("0123456789abcdefABCDEF0123456789abcdef01"); p != "" {
		t.Errorf("a full SHA: %s", p)
	}
	for _, s := range []string{"", "abc123", "../../../user", strings.Repeat("a", 39), strings.Repeat("a", 41),
		strings.Repeat("a", 39) + "g", strings.Repeat("a", 38) + "/.", strings.Repeat("a", 39) + "\x1b"} {
		p := SHAProblem(s)
		if p == "" {
			t.Errorf("SHAProblem(%q) = none", s)
		}
		if strings.ContainsRune(p, '\x1b') {
			t.Errorf("SHAProblem(%q) = %q: carries the escape", s, p)
		}
	}
	if p := SHAProblem(strings.Repeat("x", 5000)); len(p) > 120 {
		t.Errorf("a long value is quoted whole: %d bytes", len(p))
	}
}

func TestParseRepo(t *testing.T) {
	for _, s := range []string{"steer/user", "a-b/c.d_e", "x/.github"} {
		if _, err := ParseRepo(s); err != nil {
			t.Errorf("ParseRepo(%q): %v", s, err)
		}
	}
	for _, s := range []string{"../user", "steer/..", "steer/.", "a/b/c", "a--b/c", "-a/b", "a/b%2f", "a/b?x", "a/" + strings.Repeat("x", 101), strings.Repeat("a", 40) + "/b", "a/b c", "/b", "a/"} {
		if _, err := ParseRepo(s); err == nil {
			t.Errorf("ParseRepo(%q) accepted", s)
		}
	}
}

// A git remote whose host is no host name is not a GitHub remote: the API
// URL would be built from it.
func TestRemoteWithABadHostIsIgnored(t *testing.T) {
	for _, raw := range []string{"https://a_b.example/acme/widgets.git", "git@evil example:acme/widgets.git", "ssh://git@[::1]/acme/widgets"} {
		if host, _, ok := ParseRemoteURL(raw); ok {
			t.Errorf("ParseRemoteURL(%q) = host %q, ok", raw, host)
		}
	}
}
