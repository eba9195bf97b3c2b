//go:build !race

package github_test

const raceDetector = false
