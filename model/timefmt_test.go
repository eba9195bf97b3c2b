package model

import (
	"testing"
	"time"
)

func TestAge(t *testing.T) {
	now := time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ago  time.Duration
		want string
	}{
		{"same instant", 0, "now"},
		{"just under 5s", 4*time.Second + 999*time.Millisecond, "now"},
		{"future (clock skew)", -time.Hour, "now"},
		{"5s", 5 * time.Second, "5s"},
		{"59s", 59*time.Second + 999*time.Millisecond, "59s"},
		{"1m", time.Minute, "1m"},
		{"59m", time.Hour - time.Second, "59m"},
		{"1h", time.Hour, "1h"},
		{"23h", day - time.Second, "23h"},
		{"1d", day, "1d"},
		{"29d", 30*day - time.Second, "29d"},
		{"1mo", 30 * day, "1mo"},
		{"7mo", 7*30*day + 3*day, "7mo"},
		{"12mo", 364 * day, "12mo"},
		{"1y", 365 * day, "1y"},
		{"2y", 2*365*day + 100*day, "2y"},
		{"20y", 20 * 365 * day, "20y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Age(now, now.Add(-tt.ago)); got != tt.want {
				t.Errorf("Age(now, now-%v) = %q, want %q", tt.ago, got, tt.want)
			}
		})
	}
	if got := Age(now, time.Time{}); got != "-" {
		t.Errorf("Age(now, zero) = %q, want %q", got, "-")
	}
}

func TestAgeIgnoresTimeZones(t *testing.T) {
	now := time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)
	tokyo := time.FixedZone("JST", 9*3600)
	if got := Age(now, now.Add(-3*time.Hour).In(tokyo)); got != "3h" {
		t.Errorf("Age across zones = %q, want 3h", got)
	}
}

func TestFormatTime(t *testing.T) {
	berlin := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"utc", time.Date(2023, 8, 3, 14, 5, 59, 0, time.UTC), "2023-08-03 14:05"},
		{"converted to utc", time.Date(2023, 8, 3, 16, 5, 0, 0, berlin), "2023-08-03 14:05"},
		{"date changes in utc", time.Date(2023, 1, 1, 1, 0, 0, 0, berlin), "2022-12-31 23:00"},
		{"zero", time.Time{}, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatTime(tt.in); got != tt.want {
				t.Errorf("FormatTime(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	if got := Ago(now, now.Add(-2*time.Second)); got != "just now" {
		t.Errorf("Ago(2s) = %q", got)
	}
	if got := Ago(now, now.Add(-3*time.Hour)); got != "3h ago" {
		t.Errorf("Ago(3h) = %q", got)
	}
}
