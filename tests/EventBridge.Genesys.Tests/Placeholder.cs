namespace EventBridge.Genesys.Tests;
