package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTargetAccepts(t *testing.T) {
	repo := Repo{Owner: "cli", Name: "cli"}
	tests := []struct {
		in   string
		want Target
	}{
		{"cli/cli", Target{Repo: repo}},
		{"cli/cli#42", Target{Repo: repo, Number: 42}},
		{"cli/cli#007", Target{Repo: repo, Number: 7}},
		{"cli/cli#2147483647", Target{Repo: repo, Number: 2147483647}},
		{"My-Org/repo_name.go", Target{Repo: Repo{Owner: "My-Org", Name: "repo_name.go"}}},
		{"a/b", Target{Repo: Repo{Owner: "a", Name: "b"}}},
		{"a1-b2/.github", Target{Repo: Repo{Owner: "a1-b2", Name: ".github"}}},
		{"o/..x", Target{Repo: Repo{Owner: "o", Name: "..x"}}},
		{strings.Repeat("a", 39) + "/" + strings.Repeat("r", 100), Target{Repo: Repo{Owner: strings.Repeat("a", 39), Name: strings.Repeat("r", 100)}}},

		{"https://github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"http://github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://www.github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"HTTPS://GitHub.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/files", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/commits", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/commits/0123abc", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/checks", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42#issuecomment-123456", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42/files#diff-abc", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli/pull/42?w=1", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"www.github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},
		{"https://github.com/cli/cli", Target{Repo: repo, Host: "github.com"}},
		{"https://github.com/cli/cli/", Target{Repo: repo, Host: "github.com"}},
		{"https://github.com/cli/cli.git", Target{Repo: repo, Host: "github.com"}},
		{"https://github.com/cli/cli/pulls", Target{Repo: repo, Host: "github.com"}},
		{"https://github.com/cli/cli?tab=readme", Target{Repo: repo, Host: "github.com"}},
		{"https://ssh.github.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.com"}},

		// GitHub Enterprise Server: any other host.
		{"https://ghe.example.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "ghe.example.com"}},
		{"https://GHE.Example.com/cli/cli/pull/42/files", Target{Repo: repo, Number: 42, Host: "ghe.example.com"}},
		{"ghe.example.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "ghe.example.com"}},
		{"https://ghe.example.com:8443/cli/cli", Target{Repo: repo, Host: "ghe.example.com:8443"}},
		{"https://github.example.com/cli/cli/pull/42", Target{Repo: repo, Number: 42, Host: "github.example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTarget(tt.in)
			if err != nil {
				t.Fatalf("ParseTarget(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseTarget(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTargetRejects(t *testing.T) {
	long39 := strings.Repeat("a", 39)
	tests := []struct {
		in, wantErr string
	}{
		{"", "missing target: want OWNER/REPO, OWNER/REPO#N or a github.com pull request URL"},
		{"cli", `invalid repository "cli": want OWNER/REPO`},
		{"a/b/c", `invalid repository "a/b/c": want OWNER/REPO`},
		{"/x", `invalid repository "/x": missing owner before the slash`},
		{"x/", `invalid repository "x/": missing repository name after the slash`},
		{"/", `invalid repository "/": missing owner before the slash`},
		{".", `invalid repository ".": want OWNER/REPO`},
		{"..", `invalid repository "..": want OWNER/REPO`},
		{"o/.", `invalid repository name "." in "o/.": not a repository name`},
		{"o/..", `invalid repository name ".." in "o/..": not a repository name`},
		{"../x", `invalid owner ".." in "../x": only letters, digits and hyphens are allowed`},
		{"cli/ cli", `invalid target "cli/ cli": contains whitespace`},
		{" cli/cli", `invalid target " cli/cli": contains whitespace`},
		{"cli/cli\n", "invalid target \"cli/cli\\n\": contains whitespace"},
		{"my_org/repo", `invalid owner "my_org" in "my_org/repo": only letters, digits and hyphens are allowed`},
		{"my.org/repo", `invalid owner "my.org" in "my.org/repo": only letters, digits and hyphens are allowed`},
		{"-org/repo", `invalid owner "-org" in "-org/repo": must not begin or end with a hyphen`},
		{"org-/repo", `invalid owner "org-" in "org-/repo": must not begin or end with a hyphen`},
		{"my--org/repo", `invalid owner "my--org" in "my--org/repo": must not contain consecutive hyphens`},
		{long39 + "a/r", `invalid owner "` + long39 + `a" in "` + long39 + `a/r": longer than 39 characters`},
		{"o/" + strings.Repeat("r", 101), `invalid repository name "` + strings.Repeat("r", 101) + `" in "o/` + strings.Repeat("r", 101) + `": longer than 100 characters`},
		{"o/re+po", `invalid repository name "re+po" in "o/re+po": only letters, digits, '-', '_' and '.' are allowed`},
		{"o/répo", `invalid repository name "répo" in "o/répo": only letters, digits, '-', '_' and '.' are allowed`},
		{"o/r%2e", `invalid repository name "r%2e" in "o/r%2e": only letters, digits, '-', '_' and '.' are allowed`},

		{"o/r#0", `invalid pull request number "0": must be a positive integer`},
		{"o/r#-1", `invalid pull request number "-1": must be a positive integer`},
		{"o/r#+1", `invalid pull request number "+1": must be a positive integer`},
		{"o/r#abc", `invalid pull request number "abc": must be a positive integer`},
		{"o/r#1.5", `invalid pull request number "1.5": must be a positive integer`},
		{"o/r#", `invalid pull request number "": must be a positive integer`},
		{"o/r#1#2", `invalid pull request number "1#2": must be a positive integer`},
		{"o/r#2147483648", `invalid pull request number "2147483648": too large`},
		{"o/r#99999999999999999999999", `invalid pull request number "99999999999999999999999": too large`},

		{"https://gitlab.com/o/r/pull/1", `unsupported URL "https://gitlab.com/o/r/pull/1": gitlab.com is not GitHub`},
		{"https://api.github.com/repos/o/r/pulls/1", `unsupported URL "https://api.github.com/repos/o/r/pulls/1": that is the API, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com:8443/o/r/pull/1", `unsupported URL "https://github.com:8443/o/r/pull/1": want https://HOST/OWNER/REPO/pull/N`},
		{"https://user@github.com/o/r/pull/1", `unsupported URL "https://user@github.com/o/r/pull/1": want https://HOST/OWNER/REPO/pull/N`},
		{"https://user@ghe.example.com/o/r/pull/1", `unsupported URL "https://user@ghe.example.com/o/r/pull/1": want https://HOST/OWNER/REPO/pull/N`},
		{"ftp://github.com/o/r/pull/1", `unsupported URL "ftp://github.com/o/r/pull/1": want https://HOST/OWNER/REPO/pull/N`},
		{"https://ghe.example.com/o/r/issues/5", `unsupported URL "https://ghe.example.com/o/r/issues/5": not a pull request URL, want https://ghe.example.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/issues/5", `unsupported URL "https://github.com/o/r/issues/5": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/commit/0123abc", `unsupported URL "https://github.com/o/r/commit/0123abc": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/tree/main", `unsupported URL "https://github.com/o/r/tree/main": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/pull", `unsupported URL "https://github.com/o/r/pull": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/pull/1/conflicts", `unsupported URL "https://github.com/o/r/pull/1/conflicts": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o", `unsupported URL "https://github.com/o": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/", `unsupported URL "https://github.com/": not a pull request URL, want https://github.com/OWNER/REPO/pull/N`},
		{"https://github.com/o/r/pull/0", `invalid pull request number "0": must be a positive integer`},
		{"https://github.com/o/r/pull/x1", `invalid pull request number "x1": must be a positive integer`},
		{"https://github.com/o/r/pull/4294967296", `invalid pull request number "4294967296": too large`},
		{"https://github.com/-o/r/pull/1", `invalid owner "-o" in "-o/r": must not begin or end with a hyphen`},
		{"https://github.com/o/../pull/1", `invalid repository name ".." in "o/..": not a repository name`},
		{"https://github.com/o/r%zz", `invalid URL "https://github.com/o/r%zz": invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTarget(tt.in)
			if err == nil {
				t.Fatalf("ParseTarget(%q) = %+v, want error %q", tt.in, got, tt.wantErr)
			}
			var usage *UsageError
			if !errors.As(err, &usage) {
				t.Fatalf("ParseTarget(%q) error %T is not a *UsageError", tt.in, err)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("ParseTarget(%q) error\n got  %s\n want %s", tt.in, err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if got != (Target{}) {
				t.Errorf("ParseTarget(%q) returned %+v with its error", tt.in, got)
			}
		})
	}
}

// Whatever is typed, ParseTarget either fails with a *UsageError or returns
// a target whose names are safe to put in an API path and parse back.
func FuzzParseTarget(f *testing.F) {
	for _, seed := range []string{
		"cli/cli", "cli/cli#42", "https://github.com/cli/cli/pull/42/files?x=1#y",
		"github.com/o/r", "a/b/c", "/x", "x/", "o/..", "o/r#-1", "o/r#99999999999",
		"https://gitlab.com/o/r/pull/1", "https://github.com/o/r/issues/1", "%zz://",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseTarget(in)
		if err != nil {
			var usage *UsageError
			if !errors.As(err, &usage) {
				t.Fatalf("ParseTarget(%q) error %T is not a *UsageError", in, err)
			}
			return
		}
		if got.Number < 0 || got.Repo.Owner == "" || got.Repo.Name == "" {
			t.Fatalf("ParseTarget(%q) = %+v", in, got)
		}
		again, err := ParseTarget(got.Repo.String())
		if err != nil || again.Repo != got.Repo {
			t.Fatalf("ParseTarget(%q) = %+v does not parse back: %+v, %v", in, got, again, err)
		}
	})
}
