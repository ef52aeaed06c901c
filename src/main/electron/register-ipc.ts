import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethods, ipcChannel } from '../../shared/api/api';
import type { Dispatch } from '../api/dispatcher';

/**
 * Routes every contract method from IPC to the one dispatcher. A call from any frame that is not
 * the app's own top-level page is refused, so a stray iframe or navigation cannot reach the API.
 */
export function registerIpc(dispatch: Dispatch, isAppUrl: (url: string) => boolean): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
        return {
          ok: false,
          error: {
            code: 'invalid-input',
            message: 'Calls are only accepted from the Factmark window.',
          },
        };
      }
      return dispatch(method, input);
    });
  }
}
