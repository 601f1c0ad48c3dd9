"""Stand-in for `maya.OpenMayaUI`: no Qt here, so there is no main window pointer."""


class MQtUtil(object):
    @staticmethod
    def mainWindow():
        return None
