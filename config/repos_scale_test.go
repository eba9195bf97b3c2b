package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
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

// The duplicate check over repos: is linear: eight times the sections
// cost about eight times as much, where the old pairwise check cost about
// sixty times as much (40,000 sections took 24 s to decode). This is a
// ratio of two sizes measured the same way, interleaved and taking the
// fastest of each, so a loaded machine slows both alike; no absolute time
// is asserted.
func TestDecodeReposScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 18,000 sections")
	}
	const small, factor = 2000, 8
	smallData, bigData := manyRepos(small), manyRepos(small*factor)
	fastest := func(data []byte, best time.Duration) time.Duration {
		start := time.Now()
		f, err := Decode("config.yml", data)
		took := time.Since(start)
		if err != nil || len(f.Repos) == 0 {
			t.Fatalf("Decode: %v", err)
		}
		if best == 0 || took < best {
			return took
		}
		return best
	}
	var tSmall, tBig time.Duration
	for i := 0; i < 3; i++ {
		tSmall = fastest(smallData, tSmall)
		tBig = fastest(bigData, tBig)
	}
	ratio := float64(tBig) / float64(tSmall)
	t.Logf("%d sections: %v, %d: %v (x%.1f)", small, tSmall, small*factor, tBig, ratio)
	if ratio > 4*factor {
		t.Errorf("%d times the sections cost %.0f times as long: the duplicate check is not linear", factor, ratio)
	}
}

// Sections that differ only in case name one repository, however many
// come between them.
func TestDecodeReposRefusesACaseVariant(t *testing.T) {
	data := append(manyRepos(3000), "  OWNER17/Repo17:\n    page_size: 5\n"...)
	_, err := Decode("config.yml", data)
	want := "config.yml:6002: repos.OWNER17/Repo17: a section for owner17/repo17 is already given"
	if err == nil || err.Error() != want {
		t.Fatalf("Decode = %v, want %s", err, want)
	}
}

func BenchmarkDecodeRepos(b *testing.B) {
	for _, n := range []int{500, 8000, 40000} {
		data := manyRepos(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Decode("config.yml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
