/** The SDK home folder (RAYVISION_SDK_HOME, else `<USERPROFILE or HOME>/renderfarm_sdk`), from the SDK. */
export { sdkHome } from '../index';
