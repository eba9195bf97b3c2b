package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/ui"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden decodes each testdata/*.yml and resolves it for
// kernel-patches/bpf with nothing from the environment or the command
// line; the golden beside it holds what `prscope config` would print, or
// the error.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, filepath.Base(path), data)
			golden := strings.TrimSuffix(path, ".yml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./config -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s:\n got:\n%s\nwant:\n%s", name, got, want)
			}
		})
	}
}

func render(t *testing.T, name string, data []byte) string {
	t.Helper()
	f, err := config.Decode(name, data, ui.ConfigKeys)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	e, err := config.Resolve(config.Inputs{Keys: ui.ConfigKeys, File: &f, ConfigName: name, ConfigSource: "test", Repo: "kernel-patches/bpf", RepoSource: "argument"})
	if err != nil {
		return "resolve error: " + err.Error() + "\n"
	}
	return e.String()
}
