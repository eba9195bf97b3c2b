package model

import (
	"runtime"
	"testing"
)

// allocated is what one call of f allocates: objects and bytes. Unlike a
// clock, it does not depend on how loaded the machine is, so a test can
// bound it. It reads the process-wide counters, so it is exact only while
// nothing else runs: model's tests are not parallel.
func allocated(f func()) (objects, bytes uint64) {
	f() // warm up: first-call costs (lazily built tables) are not f's
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}

// checkGrowth fails when allocations grow faster than the input: small and
// big do the same work on input of size n and 10n. Linear work allocates
// about 10× as much for big (up to 20× where a slice doubles past a
// boundary), a quadratic blow-up about 100×. slack absorbs
// fixed costs, which make tiny allocations grow by odd ratios.
func checkGrowth(t *testing.T, name string, small, big func()) {
	t.Helper()
	const slack = 64 << 10
	smallObjects, smallBytes := allocated(small)
	bigObjects, bigBytes := allocated(big)
	t.Logf("%s: n: %d allocs, %d B; 10n: %d allocs, %d B", name, smallObjects, smallBytes, bigObjects, bigBytes)
	if bigBytes > 30*smallBytes+slack || bigObjects > 30*smallObjects+slack/64 {
		t.Errorf("%s: 10× the input allocates %d B in %d objects, against %d B in %d objects: worse than linear",
			name, bigBytes, bigObjects, smallBytes, smallObjects)
	}
}
