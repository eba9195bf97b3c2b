//go:build race

package ui

// raceDetector: the race detector slows the client several times over, so
// round-trip tests give each request a longer latency to stay well above
// the client's own work.
const raceDetector = true
