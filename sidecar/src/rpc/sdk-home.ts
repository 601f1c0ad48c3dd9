/**
 * The SDK home folder (RAYVISION_SDK_HOME, else `<USERPROFILE or HOME>/renderfarm_sdk`), from the SDK.
 * From its own module, not the SDK's index: the sidecar finds its home before the SDK loads.
 */
export { sdkHome } from '../transfer/sdk-home';
