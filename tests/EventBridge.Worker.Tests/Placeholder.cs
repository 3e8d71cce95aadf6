namespace EventBridge.Worker.Tests;
