package config_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/ui"
)

// manyRepos is a config with n repos: sections, each one setting.
func manyRepos(n int) []byte {
	var b strings.Builder
	b.WriteString("repos:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  owner%d/repo%d:\n    page_size: 50\n", i, i)
	}
	return []byte(b.String())
}

// Sections that differ only in case name one repository, however many
// come between them.
func TestDecodeReposRefusesACaseVariant(t *testing.T) {
	data := append(manyRepos(3000), "  OWNER17/Repo17:\n    page_size: 5\n"...)
	_, err := config.Decode("config.yml", data, ui.ConfigKeys)
	want := "config.yml:6002: repos.OWNER17/Repo17: a section for owner17/repo17 is already given"
	if err == nil || err.Error() != want {
		t.Fatalf("Decode = %v, want %s", err, want)
	}
}

// BenchmarkDecodeRepos shows the duplicate check over repos: is linear:
// 80 times the sections cost about 80 times as much (the old pairwise
// check: 40,000 sections took 24 s). A benchmark, not a timed test:
//
//	go test ./config -run '^$' -bench DecodeRepos
func BenchmarkDecodeRepos(b *testing.B) {
	for _, n := range []int{500, 8000, 40000} {
		data := manyRepos(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := config.Decode("config.yml", data, ui.ConfigKeys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
