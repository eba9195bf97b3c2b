// Command gendemo rebuilds the embedded demo data of kernel-patches/bpf PR
// #11 from the captured page:
//
//	go run ./github/internal/gendemo          # from the module root
//	go generate ./github/fake/                # same, via demo.go
//
// The output is deterministic; github's tests fail when the committed JSON
// differs from what this would write.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/prscope/prscope/github/internal/gendemo/seedpage"
)

func main() {
	seed := flag.String("seed", "github/fake/demodata/seed/kernel-patches-bpf-pr-11.txt", "captured PR page to read")
	out := flag.String("out", "github/fake/demodata/kernel-patches-bpf-11.json", "demo JSON file to write")
	flag.Parse()
	if err := run(*seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
}

func run(seedPath, outPath string) error {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	data, err := seedpage.Generate(string(text))
	if err != nil {
		return fmt.Errorf("%s: %w", seedPath, err)
	}
	return os.WriteFile(outPath, data, 0o644)
}
