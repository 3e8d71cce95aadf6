namespace EventBridge.Genesys.Simulator.Tests;
