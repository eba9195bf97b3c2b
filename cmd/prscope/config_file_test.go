//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The config file is read only when it is a regular file (after symlinks)
// of at most 1 MiB: /dev/zero, a FIFO (which would block the open until a
// writer came) and a directory are refused, naming the file, exit 2.
func TestConfigFileMustBeASmallRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(dir, "link.yml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	// A valid YAML file (one long comment) just over the limit.
	big := filepath.Join(dir, "big.yml")
	if err := os.WriteFile(big, []byte("#"+strings.Repeat("x", maxConfigBytes)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"FIFO", fifo, []string{fifo, "is a FIFO, not a regular file"}},
		{"symlink to a FIFO", link, []string{link, "is a FIFO"}},
		{"character device", "/dev/zero", []string{"/dev/zero", "is a character device"}},
		{"directory", dir, []string{dir, "is a directory"}},
		{"over 1 MiB", big, []string{big, "larger than 1 MiB"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, map[string]string{"HOME": t.TempDir()}, "--config", tc.path, "config")
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
	t.Run("the default place is checked too", func(t *testing.T) {
		home := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(home, ".config", "prscope"), 0o755))
		must(t, syscall.Mkfifo(filepath.Join(home, ".config", "prscope", "config.yml"), 0o600))
		code, stdout, stderr := runCLI(t, map[string]string{"HOME": home}, "config")
		checkUsageError(t, code, stdout, stderr, []string{"~/.config/prscope/config.yml is a FIFO"})
	})
	t.Run("1 MiB is still read", func(t *testing.T) {
		exact := filepath.Join(dir, "exact.yml")
		must(t, os.WriteFile(exact, []byte("dates: absolute\n#"+strings.Repeat("x", maxConfigBytes-17)), 0o644))
		if v, s := configLine(t, map[string]string{"HOME": t.TempDir()}, "dates", "--config", exact); v != "absolute" || s != exact+":1" {
			t.Errorf("dates = %s (%s), want absolute from %s:1", v, s, exact)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
