package model

import "testing"

func TestParseJobName(t *testing.T) {
	for _, c := range []struct {
		name string
		want JobName
	}{
		{"x86_64-gcc / test (test_progs_no_alu32, false, 360) / test_progs_no_alu32 on x86_64 with gcc", JobName{"x86_64", "gcc", "test_progs_no_alu32"}},
		{"x86_64-llvm-17 / build / build for x86_64 with llvm-17", JobName{"x86_64", "llvm-17", "build"}},
		{"aarch64-gcc / test (test_maps, false, 360) / test_maps on aarch64 with gcc", JobName{"aarch64", "gcc", "test_maps"}},
		{"s390x-gcc / veristat", JobName{"s390x", "gcc", "veristat"}},
		{"x86_64-llvm-17 / veristat-meta", JobName{"x86_64", "llvm-17", "veristat-meta"}},
		{"x86_64-gcc / test (test_verifier, false, 360)", JobName{"x86_64", "gcc", "test"}},
		{"build", JobName{Suite: "build"}},
		{"lint / shellcheck", JobName{Suite: "lint / shellcheck"}},
		{"veristat \x1b[31mred\x1b[0m", JobName{Suite: "veristat red"}},
	} {
		if got := ParseJobName(c.name); got != c.want {
			t.Errorf("ParseJobName(%q) = %+v, want %+v", c.name, got, c.want)
		}
	}
	if m := ParseJobName("s390x-gcc / veristat").Matrix(); m != "s390x-gcc" {
		t.Errorf("Matrix = %q", m)
	}
}
