namespace EventBridge.Genesys;
