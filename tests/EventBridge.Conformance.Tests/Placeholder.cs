namespace EventBridge.Conformance.Tests;
