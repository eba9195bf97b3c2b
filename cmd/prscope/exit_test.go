package main

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

func TestAPIErrorsExit1(t *testing.T) {
	srv := widgetsServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown repo", []string{"dump", "--api-url", srv.URL, "acme/nope#1"}, []string{"404 Not Found", "acme/nope#1"}},
		{"unknown PR", []string{"dump", "--api-url", srv.URL, "acme/widgets#99"}, []string{"404 Not Found", "acme/widgets#99"}},
		{"unknown repo list", []string{"dump", "--api-url", srv.URL, "acme/nope"}, []string{"404 Not Found", "acme/nope"}},
		{"connection refused", []string{"dump", "--api-url", refused, "acme/widgets#1"}, []string{"refused", "acme/widgets#1"}},
		{"demo repo unknown", []string{"dump", "--demo", "acme/nope#1"}, []string{"404 Not Found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, tt.args...)
			if code != exitAPI {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitAPI, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "prscope: ") {
				t.Errorf("stderr = %q, want one line starting \"prscope: \"", stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr = %q, want it to contain %q", stderr, w)
				}
			}
		})
	}
}

// TestBinaryExitStatus builds prscope and checks exit statuses through the OS.
func TestBinaryExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	bin := filepath.Join(t.TempDir(), "prscope")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--nope"}, exitUsage},
		{[]string{"acme/widgets#0"}, exitUsage},
		{[]string{"--version"}, exitOK},
		{[]string{"--help"}, exitOK},
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir()}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatalf("prscope %v: %v", tt.args, err)
		}
		if code != tt.want {
			t.Errorf("prscope %v exited %d, want %d (stderr %q)", tt.args, code, tt.want, stderr.String())
		}
		if tt.want == exitUsage && strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("prscope %v stderr = %q, want one line", tt.args, stderr.String())
		}
	}
}

// TestDumpExits1WithTheMessageOnEveryFault: whatever way the API fails,
// dump prints nothing on stdout, one line naming the failure on stderr,
// and exits 1.
func TestDumpExits1WithTheMessageOnEveryFault(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault *fake.Fault
		want  string
	}{
		{"401", fake.FaultBadToken(), "401 Unauthorized"},
		{"403", fake.FaultNoAccess(), "403 Forbidden"},
		{"SAML", fake.FaultSAML(), "SAML"},
		{"404", fake.FaultNotFound(), "404 Not Found"},
		{"410", fake.FaultGone(), "410 Gone"},
		{"422", fake.FaultUnprocessable(), "422"},
		{"rate limit", fake.FaultRateLimited(time.Now().Add(time.Hour)), "rate limit"},
		{"429", fake.FaultSecondary429(time.Minute), "429 Too Many Requests"},
		{"500", fake.FaultServerError(500), "500 Internal Server Error"},
		{"503", fake.FaultServerError(503), "503 Service Unavailable"},
		{"malformed", &fake.Fault{Malformed: true}, "malformed response"},
		{"cut off", &fake.Fault{Truncate: true}, "cut off"},
		{"hang", &fake.Fault{Hang: true}, "timed out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := widgetsServer(t)
			f := tt.fault
			srv.SetFaults(func(r *http.Request) *fake.Fault {
				if strings.Contains(r.URL.Path, "/timeline") {
					return f
				}
				return nil
			})
			var stdout, stderr bytes.Buffer
			code := run([]string{"dump", "--timeout", "300ms", "--api-url", srv.URL, "acme/widgets#3"}, &stdout, &stderr, func(string) string { return "" })
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stderr %q)", code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout holds %q: a failed dump must print no partial JSON", stdout.String())
			}
			if lines := strings.Count(strings.TrimRight(stderr.String(), "\n"), "\n") + 1; lines != 1 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q: want one line containing %q", stderr.String(), tt.want)
			}
		})
	}
}
