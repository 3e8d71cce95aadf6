namespace EventBridge.Contracts;
