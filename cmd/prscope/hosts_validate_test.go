package main

import (
	"testing"
)

// A host from --hostname, GH_HOST, GH_REPO, a pull URL or gh's login is a
// host name with an optional :PORT, or a usage error naming where it came
// from: "github.com:443@evil.example" must never become a URL whose host
// is evil.example.
func TestHostNamesAreValidated(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"--hostname with userinfo", nil, []string{"--hostname", "github.com:443@evil.example", "acme/widgets"},
			[]string{"--hostname", `"github.com:443@evil.example"`, "port"}},
		{"--hostname user@host", nil, []string{"--hostname", "me@evil.example", "acme/widgets"}, []string{"--hostname", "only letters"}},
		{"--hostname with a path", nil, []string{"--hostname", "ghe.example.com/evil", "acme/widgets"}, []string{"--hostname", "only letters"}},
		{"--hostname with a query", nil, []string{"--hostname", "ghe.example.com?x=1", "acme/widgets"}, []string{"--hostname"}},
		{"--hostname with a fragment", nil, []string{"--hostname", "ghe.example.com#x", "acme/widgets"}, []string{"--hostname"}},
		{"--hostname with a space", nil, []string{"--hostname", "ghe example.com", "acme/widgets"}, []string{"--hostname"}},
		{"--hostname with a bad port", nil, []string{"--hostname", "ghe.example.com:99999", "acme/widgets"}, []string{"--hostname", "1..65535"}},
		{"--hostname beside a URL", nil, []string{"--hostname", "a@b", "https://github.com/acme/widgets/pull/1"}, []string{"--hostname"}},
		{"--hostname with --demo", nil, []string{"--demo", "--hostname", "a@b"}, []string{"--hostname"}},
		{"GH_HOST with userinfo", map[string]string{"GH_HOST": "github.com:443@evil.example"}, []string{"acme/widgets"},
			[]string{"GH_HOST", "evil.example"}},
		{"GH_HOST with a path", map[string]string{"GH_HOST": "evil.example/api"}, []string{"acme/widgets"}, []string{"GH_HOST"}},
		{"GH_REPO's host", map[string]string{"GH_REPO": "me@evil.example/acme/widgets"}, nil, []string{"GH_REPO", "only letters"}},
		{"a pull URL's host", nil, []string{"https://evil_example.com/acme/widgets/pull/1"}, []string{"unsupported URL", "evil_example.com"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.env, tc.args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

func TestHostFromGhLoginIsValidated(t *testing.T) {
	useLookups(t, lookups{ghDefaultHost: func() string { return "github.com:443@evil.example" }})
	code, stdout, stderr := runCLI(t, nil, "acme/widgets")
	checkUsageError(t, code, stdout, stderr, []string{"gh's login", "github.com:443@evil.example"})
}

// A port is part of a host name: an enterprise server on :8443 works.
func TestHostNameWithAPort(t *testing.T) {
	o, err := parseArgs([]string{"--hostname", "ghe.example.com:8443", "acme/widgets"}, envOf(nil))
	if err != nil || o.apiURL != "https://ghe.example.com:8443/api/v3/" {
		t.Errorf("api %q, err %v; want https://ghe.example.com:8443/api/v3/", o.apiURL, err)
	}
}
