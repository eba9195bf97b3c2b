package main

import (
	"bytes"
	"strings"
	"testing"
)

const secretToken = "ghp_s3cr3tT0kenThatMustNeverBePrinted0001"

// TestTokenNeverPrinted runs dump with a token through success and every
// kind of failure, and greps everything printed for it.
func TestTokenNeverPrinted(t *testing.T) {
	srv := widgetsServer(t)
	env := func(k string) string {
		if k == "GH_TOKEN" {
			return secretToken
		}
		return ""
	}
	for _, args := range [][]string{
		{"dump", "--api-url", srv.URL, "acme/widgets#3"},
		{"dump", "--api-url", srv.URL, "acme/widgets"},
		{"dump", "--api-url", srv.URL, "acme/nope#1"},
		{"dump", "--api-url", "http://127.0.0.1:1/", "acme/widgets#3"},
		{"dump", "--api-url", "http://ghe.example.com/", "acme/widgets#3"},
		{"--api-url", "not a url", "acme/widgets"},
	} {
		var stdout, stderr bytes.Buffer
		run(args, &stdout, &stderr, env)
		for name, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
			if strings.Contains(out, secretToken) || strings.Contains(out, secretToken[4:20]) {
				t.Errorf("%q: the token appears on %s:\n%s", args, name, out)
			}
		}
	}
	sent := false
	for _, r := range srv.Requests() {
		sent = sent || r.Header.Get("Authorization") == "Bearer "+secretToken
	}
	if !sent {
		t.Fatal("the token was never sent: the test proves nothing")
	}
}
