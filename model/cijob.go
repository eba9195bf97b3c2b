package model

import "strings"

// JobName is what a BPF CI job's name says of its place in the matrix:
// "x86_64-gcc / test (test_progs_no_alu32, false, 360) / test_progs_no_alu32
// on x86_64 with gcc" runs suite test_progs_no_alu32 on x86_64 built with
// gcc; "x86_64-llvm-17 / build / build for x86_64 with llvm-17" is the
// build; "s390x-gcc / veristat" is veristat. A name in no such shape
// leaves Arch and Toolchain empty and is its own suite.
type JobName struct {
	Arch, Toolchain, Suite string
}

// knownArches are the architectures BPF CI names; the first segment
// "ARCH-TOOLCHAIN" is split after one of them (x86_64 holds a '_', and a
// toolchain such as llvm-17 a '-').
var knownArches = []string{"x86_64", "aarch64", "s390x", "riscv64", "arm64", "ppc64le", "i386"}

// ParseJobName reads a job's name as BPF CI writes them.
func ParseJobName(name string) JobName {
	name = SanitizeLine(name)
	segs := strings.Split(name, " / ")
	for i := range segs {
		segs[i] = strings.TrimSpace(segs[i])
	}
	// The last segment says it in words: "SUITE on ARCH with TOOLCHAIN"
	// (tests) or "SUITE for ARCH with TOOLCHAIN" (builds).
	if j, ok := jobWords(segs[len(segs)-1]); ok {
		return j
	}
	j := JobName{Suite: segs[len(segs)-1]}
	if len(segs) > 1 {
		j.Arch, j.Toolchain = splitArchToolchain(segs[0])
		if j.Arch == "" {
			j.Suite = name // not BPF CI's shape: the name is all there is
		} else if s, _, ok := strings.Cut(j.Suite, " ("); ok {
			j.Suite = s // "test (test_progs, false, 360)" alone: the matrix's own name
		}
	}
	return j
}

// jobWords reads "SUITE on|for ARCH with TOOLCHAIN".
func jobWords(seg string) (JobName, bool) {
	f := strings.Fields(seg)
	if len(f) != 5 || (f[1] != "on" && f[1] != "for") || f[3] != "with" {
		return JobName{}, false
	}
	return JobName{Suite: f[0], Arch: f[2], Toolchain: f[4]}, true
}

// splitArchToolchain splits "x86_64-llvm-17" into x86_64 and llvm-17.
func splitArchToolchain(s string) (arch, toolchain string) {
	for _, a := range knownArches {
		if rest, ok := strings.CutPrefix(s, a+"-"); ok && rest != "" {
			return a, rest
		}
	}
	return "", ""
}

// Matrix is "ARCH-TOOLCHAIN", the row a job's cell is in ("" when the name
// did not say).
func (j JobName) Matrix() string {
	if j.Arch == "" {
		return ""
	}
	return j.Arch + "-" + j.Toolchain
}
